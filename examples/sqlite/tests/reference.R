# Reference values for the SQLite extension's weighted states and planning
# (test_sqlite.py), computed by R and its survey package (Lumley), independently
# of cxmetrics' code. CI does not need R: the outputs are committed.
#
#   Rscript examples/sqlite/tests/reference.R examples/data/answers.csv examples/sqlite/tests
#
# Weighted: the November answers of examples/data/answers.csv (the date's first
# seven characters 2026-11), each given an integer weight by its position k
# among them (0-based, in file order): 1 + (7919 k mod 4999), and no weight
# (NULL, so the row is skipped) when k mod 41 = 40. They are written to
# weighted-answers.csv, which the test loads as they are, so the rule lives here
# alone. Each metric's responses, per segment and in all, are analysed as
# svydesign(ids = ~1, weights = ~w):
#   positive/negative share  svyciprop(method = "beta")  (Korn-Graubard; CLOPPER_PEARSON),
#                            svyciprop(method = "mean")  (WALD),
#                            svyciprop(method = "logit") (LOGIT; survey converges to
#                            about 1e-8, so the test compares these within 1e-7)
#   net, mean                confint(svymean(...), df = degf(design))  (WALD, T)
# with y = 1 in the band and 0 outside for a share, 1 / 0 / -1 for net, the
# rating for the mean; shares and net in percentage points, share intervals
# clipped to [0, 100] and net ones to [-100, 100] as cxmetrics clips them.
# Comparisons a - b of two segments are Welch-type t tests on the two svymean
# results (se = sqrt(v_a + v_b), Welch-Satterthwaite df, two-sided p from pt).
# The snapshot's weighted standard deviation sqrt(sum w (r - m)^2 / (W - Q/W))
# and Kish's effective n W^2 / Q are written out.
#
# Jeffreys: the interval of the shares of November's NPS answers by segment, from
# qbeta (expected-jeffreys.csv).
#
# The README's recipes: the revenue-weighted NPS of docs/statistics.md's worked
# example, and a sample size from November's NPS answers (expected-readme.csv).
#
# Planning (cxm_plan_sample_size): n0 = ceiling(z^2 sigma^2 / h^2), z =
# qnorm(1 - (1 - confidence) / 2), and with a population N > 0
# n = ceiling(n0 N / (N + n0 - 1)); sigma^2 from a pilot's ratings (November's
# answers of a metric and segment): 100^2 p (1 - p) for a share, 100^2 (p+ + p- -
# (p+ - p-)^2) for net, var() for the mean; or the worst case (p = 1/2;
# p+ = p- = 1/2; (max - min)^2 / 4). No case lies within 1e-9 of a whole number
# before its ceiling (checked here), where rounding could decide it.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
answers <- read.csv(args[1], colClasses = "character")
out <- args[2]
f <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

# ---- the weighted answers ------------------------------------------------------

nov <- answers[substr(answers$date, 1, 7) == "2026-11", c("metric", "segment", "rating")]
k <- seq_len(nrow(nov)) - 1
nov$weight <- ifelse(k %% 41 == 40, NA, 1 + (7919 * k) %% 4999)
write.csv(data.frame(metric = nov$metric, segment = nov$segment, rating = nov$rating,
                     weight = ifelse(is.na(nov$weight), "", nov$weight)),
          file.path(out, "weighted-answers.csv"), row.names = FALSE, quote = FALSE)

bands <- list(csat = list(pos = c(4, 5), neg = c(1, 2)), nps = list(pos = c(9, 10), neg = c(0, 6)),
              ces = list(pos = c(5, 7), neg = c(1, 3)))
# The responses of a metric and segment with a rating and, unless the weights
# are left aside (a pilot's counts), a weight.
responses <- function(metric, segment, weighted = TRUE) {
  d <- nov[nov$metric == metric & nov$rating != "" & (!weighted | !is.na(nov$weight)) &
           (segment == "(all)" | nov$segment == segment), ]
  b <- bands[[metric]]
  r <- as.numeric(d$rating)
  data.frame(r = r, w = d$weight,
             pos = as.numeric(r >= b$pos[1] & r <= b$pos[2]),
             neg = as.numeric(r >= b$neg[1] & r <= b$neg[2]))
}
design_of <- function(d) {
  d$net <- d$pos - d$neg
  svydesign(ids = ~1, weights = ~w, data = d)
}
clip <- function(x, lo, hi) pmin(pmax(x, lo), hi)

segments <- c("(all)", "chat", "email", "phone", "self-service")
intervals <- list()
snapshots <- list()
add_interval <- function(metric, segment, quantity, method, conf, est, se, ci)
  intervals[[length(intervals) + 1]] <<- data.frame(
    metric = metric, segment = segment, quantity = quantity, method = method, confidence = conf,
    estimate = f(est), se = f(se), low = f(ci[1]), high = f(ci[2]))
for (metric in names(bands)) for (segment in segments) {
  d <- responses(metric, segment)
  design <- design_of(d)
  W <- sum(d$w); Q <- sum(d$w^2); m <- sum(d$w * d$r) / W
  snapshots[[length(snapshots) + 1]] <- data.frame(
    metric = metric, segment = segment, n = nrow(d), weight_total = sprintf("%.0f", W),
    stddev = f(sqrt(sum(d$w * (d$r - m)^2) / (W - Q / W))), n_effective = f(W^2 / Q))
  for (conf in c("0.95", "0.9")) {
    level <- as.numeric(conf)
    for (q in c("positive-share", "negative-share")) {
      y <- if (q == "positive-share") ~pos else ~neg
      mean_y <- svymean(y, design)
      p <- coef(mean_y)[[1]]
      se <- sqrt(vcov(mean_y)[1, 1])
      ci <- function(method) as.vector(attr(svyciprop(y, design, method = method, level = level), "ci"))
      add_interval(metric, segment, q, "clopper-pearson", conf, 100 * p, 100 * se, 100 * ci("beta"))
      add_interval(metric, segment, q, "wald", conf, 100 * p, 100 * se, 100 * clip(ci("mean"), 0, 1))
      add_interval(metric, segment, q, "logit", conf, 100 * p, 100 * se, 100 * ci("logit"))
    }
    mean_net <- svymean(~net, design)
    add_interval(metric, segment, "net", "wald", conf, 100 * coef(mean_net)[[1]],
                 100 * sqrt(vcov(mean_net)[1, 1]),
                 100 * clip(as.vector(confint(mean_net, df = degf(design), level = level)), -1, 1))
    mean_r <- svymean(~r, design)
    add_interval(metric, segment, "mean", "t", conf, coef(mean_r)[[1]], sqrt(vcov(mean_r)[1, 1]),
                 as.vector(confint(mean_r, df = degf(design), level = level)))
  }
}
write.csv(do.call(rbind, intervals), file.path(out, "expected-weighted.csv"), row.names = FALSE,
          quote = FALSE)
write.csv(do.call(rbind, snapshots), file.path(out, "expected-weighted-snapshot.csv"),
          row.names = FALSE, quote = FALSE)

comparisons <- list()
for (metric in names(bands)) for (pair in list(c("chat", "email"), c("phone", "self-service"))) {
  da <- responses(metric, pair[1]); db <- responses(metric, pair[2])
  for (q in c("positive-share", "negative-share", "net", "mean")) {
    y <- switch(q, "positive-share" = ~pos, "negative-share" = ~neg, "net" = ~net, "mean" = ~r)
    unit <- if (q == "mean") 1 else 100
    limit <- switch(q, "net" = 2, "mean" = Inf, 1)
    ma <- svymean(y, design_of(da)); mb <- svymean(y, design_of(db))
    va <- vcov(ma)[1, 1]; vb <- vcov(mb)[1, 1]
    diff <- coef(ma)[[1]] - coef(mb)[[1]]
    se <- sqrt(va + vb)
    df <- (va + vb)^2 / (va^2 / (nrow(da) - 1) + vb^2 / (nrow(db) - 1))
    t <- diff / se
    ci <- clip(diff + c(-1, 1) * qt(0.025, df, lower.tail = FALSE) * se, -limit, limit)
    comparisons[[length(comparisons) + 1]] <- data.frame(
      metric = metric, a = pair[1], b = pair[2], quantity = q,
      method = if (q == "mean") "t" else "wald", confidence = "0.95",
      difference = f(unit * diff), se = f(unit * se), statistic = f(t), df = f(df),
      p_value = f(2 * pt(-abs(t), df)), low = f(unit * ci[1]), high = f(unit * ci[2]))
  }
}
write.csv(do.call(rbind, comparisons), file.path(out, "expected-weighted-compare.csv"),
          row.names = FALSE, quote = FALSE)

# ---- planning ----------------------------------------------------------------------

scales <- list(csat = list(min = 1, max = 5), nps = list(min = 0, max = 10), ces = list(min = 1, max = 7))
sigma2 <- function(metric, pilot, quantity) {
  s <- scales[[metric]]
  if (pilot == "") {
    return(switch(quantity, "net" = 100^2, "mean" = (s$max - s$min)^2 / 4, 100^2 / 4))
  }
  d <- responses(metric, pilot, weighted = FALSE) # the pilot's ratings
  p <- mean(d$pos); m <- mean(d$neg)
  switch(quantity, "positive-share" = 100^2 * p * (1 - p), "negative-share" = 100^2 * m * (1 - m),
         "net" = 100^2 * (p + m - (p - m)^2), "mean" = var(d$r))
}
plans <- list()
cases <- list(
  list("nps", "", "net", "0.95", "5", 0), list("nps", "", "net", "0.95", "5", 2000),
  list("nps", "", "net", "0.9", "3", 0), list("nps", "", "positive-share", "0.99", "2.5", 0),
  list("csat", "", "positive-share", "0.95", "5", 0), list("csat", "", "negative-share", "0.8", "1", 500),
  list("ces", "", "mean", "0.95", "0.1", 0), list("ces", "", "mean", "0.95", "0.25", 1200),
  list("nps", "chat", "net", "0.95", "5", 0), list("nps", "email", "net", "0.9", "4", 3000),
  list("nps", "phone", "positive-share", "0.95", "3", 0),
  list("csat", "self-service", "positive-share", "0.95", "5", 0),
  list("csat", "chat", "negative-share", "0.99", "2", 100000),
  list("ces", "email", "mean", "0.95", "0.2", 0), list("ces", "phone", "mean", "0.9", "0.15", 800),
  list("csat", "phone", "mean", "0.95", "0.05", 0))
for (case in cases) {
  names(case) <- c("scale", "pilot", "quantity", "confidence", "half_width", "population")
  z <- qnorm(1 - (1 - as.numeric(case$confidence)) / 2)
  x <- z^2 * sigma2(case$scale, case$pilot, case$quantity) / as.numeric(case$half_width)^2
  stopifnot(abs(x - round(x)) > 1e-9 * x)
  n <- ceiling(x)
  N <- case$population
  if (N > 0) {
    y <- n * N / (N + n - 1)
    stopifnot(abs(y - round(y)) > 1e-9 * y)
    n <- ceiling(y)
  }
  case$population <- sprintf("%.0f", N)
  plans[[length(plans) + 1]] <- data.frame(case, n = sprintf("%.0f", n))
}
write.csv(do.call(rbind, plans), file.path(out, "expected-planning.csv"), row.names = FALSE,
          quote = FALSE)

# ---- Jeffreys intervals -----------------------------------------------------------------
# The equal-tailed Jeffreys interval of a share x of n: the alpha/2 and 1 - alpha/2
# quantiles of Beta(x + 1/2, n - x + 1/2), with the lower limit 0 at x = 0 and the
# upper 1 at x = n (Brown, Cai and DasGupta 2001), for each segment's November NPS
# answers, weights aside.
jeffreys <- list()
for (segment in segments) for (conf in c("0.95", "0.8")) {
  d <- responses("nps", segment, weighted = FALSE)
  alpha <- 1 - as.numeric(conf)
  for (q in c("positive-share", "negative-share")) {
    x <- sum(if (q == "positive-share") d$pos else d$neg)
    n <- nrow(d)
    low <- if (x == 0) 0 else qbeta(alpha / 2, x + 0.5, n - x + 0.5)
    high <- if (x == n) 1 else qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5)
    jeffreys[[length(jeffreys) + 1]] <- data.frame(
      segment = segment, quantity = q, confidence = conf, x = x, n = n,
      low = f(100 * low), high = f(100 * high))
  }
}
write.csv(do.call(rbind, jeffreys), file.path(out, "expected-jeffreys.csv"), row.names = FALSE,
          quote = FALSE)

# ---- the README's recipes -------------------------------------------------------------
# The revenue-weighted NPS of ten accounts (docs/statistics.md's worked example) and
# the sample size November's NPS answers, all segments, imply for +-5 points at 95 %.
revenue <- data.frame(r = c(10, 9, 9, 8, 7, 6, 10, 3, 9, 10),
                      w = c(120, 450, 80, 60, 300, 900, 40, 25, 200, 75))
revenue$net <- (revenue$r >= 9) - (revenue$r <= 6)
design <- svydesign(ids = ~1, weights = ~w, data = revenue)
net <- svymean(~net, design)
ci <- clip(as.vector(confint(net, df = degf(design), level = 0.9)), -1, 1)
x <- qnorm(0.975)^2 * sigma2("nps", "(all)", "net") / 5^2
stopifnot(abs(x - round(x)) > 1e-9 * x)
write.csv(data.frame(
  nps_counted = f(100 * mean(revenue$net)), nps_weighted = f(100 * coef(net)[[1]]),
  weight = sum(revenue$w), n_effective = f(sum(revenue$w)^2 / sum(revenue$w^2)),
  low_90 = f(100 * ci[1]), high_90 = f(100 * ci[2]), plan_november = sprintf("%.0f", ceiling(x))),
  file.path(out, "expected-readme.csv"), row.names = FALSE, quote = FALSE)
