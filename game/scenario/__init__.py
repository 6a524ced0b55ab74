"""Scenario format: pydantic models, YAML loading with positions, bilingual text."""
