"""N1 school register import: readers (pure CSV and value cleaning), sources (one spec per
file), collect (read and check every file) and loader (write in one transaction)."""
