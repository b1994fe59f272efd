"""Bidra: open-source administration of Swedish state grants."""
