"""Tools for scenario authors above the scenario format: lint beyond types, variants, the guide's
generated field reference. They may use the negotiation package to judge whether a deal can be
made, which the scenario format itself must not."""
