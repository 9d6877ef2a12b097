"""Browser gates: the built site in Debian's Chromium."""
