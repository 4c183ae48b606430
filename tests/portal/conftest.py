from tests.api.conftest import strict_client, visitor_client  # noqa: F401  (fixtures)
