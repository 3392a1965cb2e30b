"""C1 complaints: a school's complaint about its review, heard in up to three stages."""
