# Expected numbers for the example programs, computed straight from the bundled
# CSV files with R's own procedures (prop.test, t.test) and the adjusted-Wald
# formulas of Rocks (2016) — independently of cxmetrics. CI compares the
# programs' --format csv output with the committed results; R is needed only
# to regenerate them:
#   Rscript tests/examples/expected.R examples/data tests/examples
args <- commandArgs(trailingOnly = TRUE)
data_dir <- args[1]; out_dir <- args[2]
f <- function(x) sprintf("%.17g", x)
read <- function(name) {
  d <- read.csv(file.path(data_dir, name), colClasses = "character")
  d <- d[d$rating != "", ]                      # a missing answer is not a rating
  d$rating <- as.integer(d$rating)
  d
}
bands <- list(csat = c(4, 5, 1, 2), nps = c(9, 10, 0, 6), ces = c(5, 7, 1, 3))
z95 <- qnorm(0.025, lower.tail = FALSE)
adjusted <- function(P, D, n) {                 # Rocks (2016): 0.75 / 1.5 / 0.75
  n2 <- n + 3; p <- (P + 0.75) / n2; d <- (D + 0.75) / n2
  list(centre = p - d, var = (p + d - (p - d)^2) / n2)
}
summarise <- function(metric, x) {
  b <- bands[[metric]]
  P <- sum(x >= b[1] & x <= b[2]); D <- sum(x >= b[3] & x <= b[4]); n <- length(x)
  if (metric == "csat") {
    ci <- 100 * prop.test(P, n, correct = FALSE)$conf.int; score <- 100 * P / n; m <- "wilson"
  } else if (metric == "nps") {
    a <- adjusted(P, D, n); se <- sqrt(a$var)
    ci <- 100 * pmin(pmax(c(a$centre - z95 * se, a$centre + z95 * se), -1), 1)
    score <- 100 * (P - D) / n; m <- "adjusted-wald"
  } else {
    ci <- t.test(x)$conf.int; score <- mean(x); m <- "t"
  }
  c(n, f(score), f(ci[1]), f(ci[2]), m, P, n - P - D, D)
}

now <- read("answers.csv")
rows <- list()
for (metric in c("csat", "nps", "ces")) {
  d <- now[now$metric == metric, ]
  rows[[length(rows) + 1]] <- c(metric, "(all)", summarise(metric, d$rating))
  for (seg in sort(unique(d$segment), method = "radix"))  # C-locale order, as strcmp
    rows[[length(rows) + 1]] <- c(metric, seg, summarise(metric, d$rating[d$segment == seg]))
}
report <- do.call(rbind, rows)
colnames(report) <- c("metric", "segment", "n", "score", "low", "high", "method", "positive",
                      "neutral", "negative")
write.csv(report, file.path(out_dir, "expected-report.csv"), row.names = FALSE, quote = FALSE)

before <- read("answers-previous.csv")
rows <- list()
for (metric in c("csat", "nps", "ces")) {
  a <- now$rating[now$metric == metric]; b <- before$rating[before$metric == metric]
  bd <- bands[[metric]]
  Pa <- sum(a >= bd[1] & a <= bd[2]); Da <- sum(a >= bd[3] & a <= bd[4]); na <- length(a)
  Pb <- sum(b >= bd[1] & b <= bd[2]); Db <- sum(b >= bd[3] & b <= bd[4]); nb <- length(b)
  if (metric == "csat") {                       # pooled z (prop.test) + Newcombe hybrid
    t <- prop.test(c(Pa, Pb), c(na, nb), correct = FALSE)
    pa <- Pa / na; pb <- Pb / nb; d <- pa - pb
    la <- prop.test(Pa, na, correct = FALSE)$conf.int; lb <- prop.test(Pb, nb, correct = FALSE)$conf.int
    out <- c(100 * pa, 100 * pb, 100 * d, 100 * (d - sqrt((pa - la[1])^2 + (lb[2] - pb)^2)),
             100 * (d + sqrt((la[2] - pa)^2 + (pb - lb[1])^2)), sign(d) * sqrt(t$statistic), Inf,
             t$p.value)
  } else if (metric == "nps") {                 # z on adjusted-Wald estimates
    ea <- adjusted(Pa, Da, na); eb <- adjusted(Pb, Db, nb)
    se <- sqrt(ea$var + eb$var); c0 <- ea$centre - eb$centre; z <- c0 / se
    sa <- 100 * (Pa - Da) / na; sb <- 100 * (Pb - Db) / nb
    out <- c(sa, sb, sa - sb, 100 * (c0 - z95 * se), 100 * (c0 + z95 * se), z, Inf,
             2 * pnorm(-abs(z)))
  } else {                                      # Welch
    w <- t.test(a, b)
    out <- c(mean(a), mean(b), mean(a) - mean(b), w$conf.int[1], w$conf.int[2], w$statistic,
             w$parameter, w$p.value)
  }
  rows[[length(rows) + 1]] <- c(metric, nb, f(out[2]), na, f(out[1]), sapply(out[3:8], f))
}
cmp <- do.call(rbind, rows)
colnames(cmp) <- c("metric", "n_before", "before", "n_after", "after", "difference", "low",
                   "high", "statistic", "df", "p_value")
write.csv(cmp, file.path(out_dir, "expected-compare.csv"), row.names = FALSE, quote = FALSE)
