"""Helpers for the tests that are not tests or fixtures: paths, data, servers, scripts."""
