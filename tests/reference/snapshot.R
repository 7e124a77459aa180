# Reference values for tests/test_snapshot.c, computed with R's own functions
# (prop.test, t.test, sd, qnorm) — independent of cxmetrics' code.
# Run: Rscript tests/reference/snapshot.R
p <- function(label, x) cat(sprintf("%-34s %s\n", label, paste(sprintf("%.17g", x), collapse = " ")))
adjusted_wald <- function(P, D, n, conf = 0.95) {  # Rocks (2016), formula as in docs/statistics.md
  z <- qnorm((1 - conf) / 2, lower.tail = FALSE)
  n2 <- n + 3; pp <- (P + 0.75) / n2; dd <- (D + 0.75) / n2; c <- pp - dd
  se <- sqrt((pp + dd - c^2) / n2)
  100 * pmin(pmax(c(c - z * se, c + z * se), -1), 1)
}
nps <- c(rep(10, 60), rep(8, 30), rep(0, 10))
p("nps worked: mean sd", c(mean(nps), sd(nps)))
p("nps worked: adjusted wald", adjusted_wald(60, 10, 100))
csat <- c(rep(1, 15), rep(2, 5), rep(3, 10), rep(4, 30), rep(5, 40))
p("csat worked: mean sd", c(mean(csat), sd(csat)))
p("csat worked: wilson", 100 * prop.test(70, 100, correct = FALSE)$conf.int)
pit <- c(rep(9, 8), 7)
p("pitfall: mean sd", c(mean(pit), sd(pit)))
p("pitfall: adjusted wald", adjusted_wald(8, 0, 9))
ces <- c(1, 2, 3, 4, 5, 6, 7, 7, 7, 2, 3)
p("ces: mean sd", c(mean(ces), sd(ces)))
p("ces: t interval", t.test(ces)$conf.int)
p("n=1 nps: adjusted wald", adjusted_wald(1, 0, 1))
p("all 5 (50): wilson", 100 * prop.test(50, 50, correct = FALSE)$conf.int)
p("all 1 (50): wilson", 100 * prop.test(0, 50, correct = FALSE)$conf.int)
p("all 10 (100): adjusted wald", adjusted_wald(100, 0, 100))
p("all 0 (100): adjusted wald", adjusted_wald(0, 100, 100))
p("ces {1,7}: t interval", t.test(c(1, 7))$conf.int)
