"""Business operations. Each public function is one unit of work and takes the acting user explicitly."""
