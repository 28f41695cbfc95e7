"""Revision history for any app's models: see README.md. No models."""
