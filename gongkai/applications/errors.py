class Refused(Exception):
    """A step that may not be taken now, by this person, in this state; the message says why in Chinese."""
