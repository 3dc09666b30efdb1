"""Items as the app knows them: the normalised item model, link and id extraction from pasted text, description
cleaning, and reading a seller's list files (.xlsx/.csv/text) within bounds. No network, no storage."""
