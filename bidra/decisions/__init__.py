"""Decisions on applications: the decision letter and, later, reclaim decisions."""
