"""The application layer: one way to hold a case, used by the CLI, the chat, the app and the evaluation.

``inputs`` checks what the seller gives (notice, reports, answers) once; ``engines`` drafts and revises
(offline, or an LLM with the offline draft as fallback); ``knowledge`` looks up policy passages without
ever indexing; ``workflow`` runs a case (new, answer, revise, revert, review) over ``store``.
"""
