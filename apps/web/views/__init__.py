"""Public pages, one module per part of the site. Views stay thin: reads go through selectors, privacy through
the API's serializers (one set of masking rules for pages and API)."""
