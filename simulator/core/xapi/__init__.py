"""xAPI 1.0.3: every attempt, decision by decision, to the organisation's Learning Record Store.

Qt-free, standard library only (urllib for HTTP). The pieces:

- ``statements``: the statements we emit, as pure functions, and the rule checks tests use,
- ``outbox``: statements queued in the progress file with each step (``attach``), and ``sync``,
- ``stored``: the outbox's rows and queued steps as statements, built when sent,
- ``class_from_lrs``: the class overview read back from the LRS (only what is new), and its cache,
- ``client``: the HTTP client (POST/GET statements, about),
- ``config``: endpoint, key and secret (keyring when available), home page, the opt-in.

Documented for organisations in docs/xapi.md.
"""
