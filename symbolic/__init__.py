"""lawaudit's engine: obligations, backends, the trusted kernel and the audit.

It knows nothing about any particular paper; ``derivations/`` encodes one.
"""
