"""Sales Dojo: a training game for the whole sales process of the courseware."""

ENGINE_VERSION = "1.0.0"
