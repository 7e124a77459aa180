# frozen_string_literal: true

module Cxmetrics
  # The constants of include/cxmetrics.h, by their C names without CXM_
  # (tests/test_interface.rb checks each against the header's values).

  HEADLINE_POSITIVE_SHARE = 1
  HEADLINE_NET = 2
  HEADLINE_MEAN = 3

  PRESET_CSAT_5 = 1
  PRESET_CSAT_3 = 2
  PRESET_CSAT_10 = 3
  PRESET_CSAT_BINARY = 4
  PRESET_NPS = 5
  PRESET_CES_7 = 6
  PRESET_CES_5 = 7
  PRESET_NET_EASY_7 = 8

  QUANTITY_HEADLINE = 0
  QUANTITY_POSITIVE_SHARE = 1
  QUANTITY_NEGATIVE_SHARE = 2
  QUANTITY_NET = 3
  QUANTITY_MEAN = 4

  METHOD_DEFAULT = 0
  METHOD_WILSON = 1
  METHOD_WILSON_CC = 2
  METHOD_AGRESTI_COULL = 3
  METHOD_CLOPPER_PEARSON = 4
  METHOD_WALD = 5
  METHOD_ADJUSTED_WALD = 6
  METHOD_SCORE = 7
  METHOD_T = 8
  METHOD_LOGIT = 9 # since 1.2: weighted shares
  METHOD_JEFFREYS = 10 # since 1.2: shares

  # Which table of methods resolve_method consults (since 1.2).
  USE_INTERVAL = 1
  USE_COMPARE = 2
  USE_WEIGHTED_INTERVAL = 3
  USE_WEIGHTED_COMPARE = 4

  # Adjustments of many p-values at once (since 1.2; adjust_p).
  ADJUST_BONFERRONI = 1
  ADJUST_HOLM = 2
  ADJUST_HOCHBERG = 3
  ADJUST_BH = 4
  ADJUST_BY = 5

  TEXT_MAX = 4096
  ENCODED_MAX = 1046
  SERIES_MAX_CAPACITY = 1_048_576
  SERIES_BUCKET_LIMIT = 1 << 62
  SCALE_MAX_RATINGS = 101 # since 1.2
  ACC_FOOTPRINT_MAX = 856 # since 1.2
  WACC_ENCODED_MAX = 3378 # since 1.2: the longest weighted encoding
  WACC_TEXT_MAX = 8022 # since 1.2: the longest weighted text form and its NUL
end
