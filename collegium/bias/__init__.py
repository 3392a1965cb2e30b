"""Bias audit (product.md Q4): pure computation, no Django import.

from collegium.bias import BiasAudit
audit = BiasAudit().fit(judgements, schools)
audit.coefficients_, audit.distribution_, audit.findings_
"""

from collegium.bias.audit import INTAKE, BiasAudit
from collegium.bias.power import MIN_SCHOOLS, minimum_schools

__all__ = ["INTAKE", "MIN_SCHOOLS", "BiasAudit", "minimum_schools"]
