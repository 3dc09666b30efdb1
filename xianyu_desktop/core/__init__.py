"""The domain layer: links, signing, the gateway client, limits and items. Imports no Qt."""
