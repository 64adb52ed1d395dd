"""Domain knowledge the rules share: table names, narrative numbers, reconciliation, outline, agency names, years."""
