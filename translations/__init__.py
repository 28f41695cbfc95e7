"""Helpers for translated content (no models): see README.md. May import
Django and django-modeltranslation only; every app may import it."""
