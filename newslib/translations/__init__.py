"""Translations: the per-field model and its status, machine drafting, name masking, memory."""
