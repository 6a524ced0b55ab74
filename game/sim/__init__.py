"""The market: customer population (numpy), key accounts, competitors, market risk."""
