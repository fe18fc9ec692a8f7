"""Wizard pages. Each renders from ``forms/`` data and writes through the page context."""
