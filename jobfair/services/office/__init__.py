"""The labour office's desk: queues, city figures and charts, reports, account administration."""
