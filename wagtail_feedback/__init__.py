"""A customer-feedback system inside a Wagtail site."""

__version__ = "0.1.0"
