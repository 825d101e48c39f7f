"""The Streamlit app (widgets and session state only; every rule lives in the core)."""
