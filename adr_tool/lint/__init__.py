"""`adr lint`: rules as small functions with stable codes (DESIGN.md section 7).

Families: file (ADR1xx), content (ADR2xx), log (ADR3xx), time (ADR4xx, warnings) and quality
(ADR5xx, warnings; lint/quality/). Importing this package registers every rule in `RULES`;
nothing here imports click, git or markdown-it.
"""

from __future__ import annotations

from . import content_rules, file_rules, log_rules, time_rules
from .base import FAMILIES, RULES, Finding, Rule
from .quality import rules as quality_rules
from .runner import Selection, lint

__all__ = ["FAMILIES", "RULES", "Finding", "Rule", "Selection", "lint"]
_RULE_MODULES = (file_rules, content_rules, log_rules, time_rules, quality_rules)
