"""The classroom: a class plays one case on many machines; a facilitator follows and debriefs it
from the learning record store alone (``docs/classroom.md``)."""
