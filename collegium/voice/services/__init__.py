"""Every change of state in stakeholder voice, by area: banks, surveys, responses, research."""
