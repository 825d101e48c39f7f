"""The guided chat: each message understood (``understand``), the next most important fact asked
(``interview``), and a session that runs them over one case's workflow (``session``)."""
