"""The search layer: one backend-neutral query model, engines chosen at this boundary (issue 3)."""
