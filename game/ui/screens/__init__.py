"""One module per screen; ``registry.SCREENS`` maps a screen key to its class."""
