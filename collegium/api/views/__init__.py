"""The API's pages: the endpoints (`endpoints.py`) and the person's tokens (`tokens.py`)."""
