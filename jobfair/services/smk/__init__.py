"""SMK programme: schools, students, training, apprenticeship places, the match, PKL."""
