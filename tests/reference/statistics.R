# Reference values for tests/test_stats.c. Run: Rscript tests/reference/statistics.R
# R 4.2.2's own procedures where they exist (prop.test = Wilson / Wilson with
# continuity correction, binom.test = Clopper-Pearson, t.test = Student t and
# Welch); otherwise the published formulas (docs/statistics.md) written here in R
# and solved with R's uniroot, independently of cxmetrics' C code.
# Output lines are C initialisers: {x, n, confidence, low, high} in percent.
f <- function(x) sprintf("%.17g", x)
row <- function(...) cat("    {", paste(sapply(c(...), f), collapse = ", "), "},\n", sep = "")
zc <- function(conf) qnorm((1 - conf) / 2, lower.tail = FALSE)

cat("/* Wilson: prop.test(x, n, correct = FALSE)$conf.int * 100 */\n")
for (a in list(c(70, 100, .95), c(0, 10, .95), c(10, 10, .95), c(1, 3, .5), c(7, 9, .999999),
               c(3e11, 1e12, .95), c(1, 1e12, .95), c(37, 40, .9)))
  row(a, 100 * prop.test(a[1], a[2], conf.level = a[3], correct = FALSE)$conf.int)

cat("/* Wilson with continuity correction (Newcombe 1998 method 4): prop.test(correct = TRUE),\n   whose Yates term is 0.5 whenever |x - n/2| >= 0.5 (all rows here) */\n")
for (a in list(c(70, 100, .95), c(1, 10, .95), c(9, 10, .95), c(0, 10, .95), c(10, 10, .95),
               c(3, 7, .5), c(2, 9, .999999), c(1, 1, .95)))
  row(a, 100 * prop.test(a[1], a[2], conf.level = a[3], correct = TRUE)$conf.int)

cat("/* Agresti-Coull: n~ = n + z^2, p~ = (x + z^2/2)/n~, p~ +- z sqrt(p~(1-p~)/n~), clipped; se */\n")
ac <- function(x, n, conf) { z <- zc(conf); nt <- n + z^2; pt <- (x + z^2 / 2) / nt
  se <- sqrt(pt * (1 - pt) / nt); 100 * c(max(pt - z * se, 0), min(pt + z * se, 1), se) }
for (a in list(c(70, 100, .95), c(0, 10, .95), c(10, 10, .95), c(1, 3, .5), c(5e11, 1e12, .999999)))
  row(a, ac(a[1], a[2], a[3]))

cat("/* Clopper-Pearson: binom.test(x, n, conf.level)$conf.int * 100 */\n")
for (a in list(c(70, 100, .95), c(0, 10, .95), c(10, 10, .95), c(1, 1000, .95), c(3, 7, .5),
               c(999, 1000, .999999), c(2, 5e6, .95)))
  row(a, 100 * binom.test(a[1], a[2], conf.level = a[3])$conf.int)

cat("/* Wald: p +- z sqrt(p(1-p)/n), clipped; se */\n")
wald <- function(x, n, conf) { p <- x / n; se <- sqrt(p * (1 - p) / n); z <- zc(conf)
  100 * c(max(p - z * se, 0), min(p + z * se, 1), se) }
for (a in list(c(70, 100, .95), c(0, 10, .95), c(1, 3, .5), c(99, 100, .999999)))
  row(a, wald(a[1], a[2], a[3]))

cat("/* Net: {P, D, n, confidence, low, high, se} adjusted Wald (Rocks 2016), then plain Wald */\n")
netw <- function(P, D, n, conf, pseudo) { z <- zc(conf); n2 <- n + 4 * pseudo
  pp <- (P + pseudo) / n2; dd <- (D + pseudo) / n2; c <- pp - dd; se <- sqrt((pp + dd - c^2) / n2)
  100 * c(max(c - z * se, -1), min(c + z * se, 1), se) }
nets <- list(c(60, 10, 100, .95), c(8, 0, 9, .95), c(0, 0, 5, .95), c(5, 0, 5, .95),
             c(0, 5, 5, .5), c(300, 200, 1000, .999999), c(4e11, 3e11, 1e12, .95))
for (a in nets) row(a, netw(a[1], a[2], a[3], a[4], 0.75))
cat("/* plain Wald */\n")
for (a in nets) row(a, netw(a[1], a[2], a[3], a[4], 0))

cat("/* Tango score interval: score(delta) = +-z solved with uniroot(tol = 1e-15) */\n")
tango <- function(P, D, n, conf) {
  z <- zc(conf)
  score <- function(delta) { A <- 2 * n; B <- -D - P + (2 * n - P + D) * delta
    C <- -D * delta * (1 - delta); q <- (sqrt(B^2 - 4 * A * C) - B) / (2 * A)
    (P - D - n * delta) / sqrt(n * (2 * q + delta * (1 - delta))) }
  lo <- if (D == n) -1 else uniroot(function(d) score(d) - z, c(-1 + 1e-15, 1 - 1e-15), tol = 1e-15)$root
  hi <- if (P == n) 1 else uniroot(function(d) score(d) + z, c(-1 + 1e-15, 1 - 1e-15), tol = 1e-15)$root
  100 * c(lo, hi) }
for (a in list(c(60, 10, 100, .95), c(8, 0, 9, .95), c(5, 0, 5, .95), c(0, 5, 5, .95),
               c(3, 1, 10, .5), c(300, 200, 1000, .999999), c(1, 1, 3, .95)))
  row(a, tango(a[1], a[2], a[3], a[4]))

cat("/* Mean: t.test(x, conf.level)$conf.int for x = rep(1:7, counts) */\n")
for (a in list(list(c(1, 0, 0, 0, 0, 0, 1), .95), list(c(1, 2, 3, 4, 5, 6, 7), .95),
               list(c(0, 0, 10, 20, 30, 0, 0), .5), list(c(3, 0, 0, 0, 0, 9, 40), .999999)))
  { x <- rep(1:7, a[[1]]); row(a[[1]], a[[2]], t.test(x, conf.level = a[[2]])$conf.int, sd(x) / sqrt(length(x))) }

cat("/* Share comparison 70/100 vs 60/100: pooled z^2 and p from prop.test; Newcombe hybrid */\n")
pt2 <- prop.test(c(70, 60), c(100, 100), correct = FALSE)
l1 <- prop.test(70, 100, correct = FALSE)$conf.int; l2 <- prop.test(60, 100, correct = FALSE)$conf.int
d <- 0.1
row(pt2$statistic, pt2$p.value, 100 * (d - sqrt((0.7 - l1[1])^2 + (l2[2] - 0.6)^2)),
    100 * (d + sqrt((l1[2] - 0.7)^2 + (0.6 - l2[1])^2)))
cat("/* unpooled Wald: se, z, p, low, high */\n")
se <- sqrt(.7 * .3 / 100 + .6 * .4 / 100); z <- d / se
row(100 * se, z, 2 * pnorm(-abs(z)), 100 * (d - qnorm(.975) * se), 100 * (d + qnorm(.975) * se))

cat("/* Net comparison a = (P 60, D 10, n 100), b = (P 40, D 25, n 80): adjusted Wald then Wald:\n   se, z, p, low, high */\n")
netcmp <- function(pseudo) { m <- function(P, D, n) { n2 <- n + 4 * pseudo
    pp <- (P + pseudo) / n2; dd <- (D + pseudo) / n2; c(pp - dd, (pp + dd - (pp - dd)^2) / n2) }
  a <- m(60, 10, 100); b <- m(40, 25, 80); se <- sqrt(a[2] + b[2]); c <- a[1] - b[1]
  row(100 * se, c / se, 2 * pnorm(-abs(c / se)), 100 * (c - qnorm(.975) * se), 100 * (c + qnorm(.975) * se)) }
netcmp(0.75); netcmp(0)

cat("/* Welch: t.test(x, y): statistic, parameter (df), p.value, conf.int; x, y as CES 1-7 counts */\n")
x <- rep(1:7, c(1, 2, 3, 4, 5, 6, 7)); y <- rep(1:7, c(5, 4, 3, 2, 1, 1, 1))
w <- t.test(x, y); row(w$statistic, w$parameter, w$p.value, w$conf.int, mean(x) - mean(y))
w <- t.test(x, y, conf.level = 0.999999); row(w$conf.int)

cat("/* conf = 0.999999 without R's (1 + conf)/2 rounding: the same procedures'\n   formulas with the tail quantile taken directly (alpha = 1 - conf is exact) */\n")
a2 <- (1 - 0.999999) / 2
z <- qnorm(a2, lower.tail = FALSE)
wil <- function(x, n) { c0 <- (x + z^2 / 2) / (n + z^2); h <- z / (n + z^2) * sqrt(x * (n - x) / n + z^2 / 4)
  100 * c(c0 - h, c0 + h) }
row(7, 9, wil(7, 9))                                             # Wilson
cc <- function(x, n) { p <- x / n
  c((2 * x + z^2 - 1 - z * sqrt(z^2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / (2 * (n + z^2)),
    (2 * x + z^2 + 1 + z * sqrt(z^2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / (2 * (n + z^2))) * 100 }
row(2, 9, cc(2, 9))                                              # Wilson CC (Newcombe 4)
row(999, 1000, 100 * c(qbeta(a2, 999, 2), qbeta(a2, 1000, 1, lower.tail = FALSE)))  # Clopper-Pearson
x <- rep(1:7, c(3, 0, 0, 0, 0, 9, 40)); s <- sd(x) / sqrt(length(x))
tq <- qt(a2, length(x) - 1, lower.tail = FALSE)
row(mean(x) - tq * s, mean(x) + tq * s)                          # Student t
x <- rep(1:7, c(1, 2, 3, 4, 5, 6, 7)); y <- rep(1:7, c(5, 4, 3, 2, 1, 1, 1)); w <- t.test(x, y)
se <- w$stderr; tq <- qt(a2, w$parameter, lower.tail = FALSE); d <- mean(x) - mean(y)
row(d - tq * se, d + tq * se)                                    # Welch
