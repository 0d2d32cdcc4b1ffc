"""Editions: the project configuration's editions and the builder that renders them."""
