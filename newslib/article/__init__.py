"""The article: its data model, its inline markup, its YAML codec and the agency-copy importer."""
