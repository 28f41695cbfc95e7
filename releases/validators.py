"""Kept because migrations 0001 and 0007 name these validators; the checks
themselves live in `files.validators`."""

from files.validators import validate_document as validate_document_size
from files.validators import validate_image

__all__ = ["validate_document_size", "validate_image"]
