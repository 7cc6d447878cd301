"""Rendering results for people: terminal, Markdown, HTML, PDF and JSON."""
