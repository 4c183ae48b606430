"""The JSON API: the visitor's actions for the portal's scripts, the widget and other clients.

See docs/api.md. Thin DRF views: parse → call a service → serialize.
"""
