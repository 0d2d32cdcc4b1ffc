"""Localisation: Babel locales and fallbacks, CLDR quotation marks, the gettext labels."""
