# Shared by the roster benchmarks (sourced, not run).

# make_roster ROWS: the floor's input on standard output, `name,expiry` with ISO dates
# spread over five years from 2024; the same rows for the same ROWS (fixed seed).
make_roster() {
  gawk -v rows="$1" 'BEGIN {
    srand(42)
    print "name,expiry"
    for (i = 1; i <= rows; i++) {
      t = mktime("2024 01 01 12 00 00") + int(rand() * 5 * 365) * 86400
      printf "Person %d,%s\n", i, strftime("%Y-%m-%d", t)
    }
  }'
}
