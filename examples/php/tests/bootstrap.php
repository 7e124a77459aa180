<?php

declare(strict_types=1);

// ctest treats exit status 77 as "skipped": a PHP without its FFI extension
// (or with FFI disabled) cannot run this suite.
if (!extension_loaded('FFI')) {
    fwrite(STDERR, "php_binding: skipped: PHP's FFI extension is not loaded (Debian: php8.2-cli ships it)\n");
    exit(77);
}
if (!in_array(ini_get('ffi.enable'), ['1', 'preload', 'On', 'on', 'true'], true)) {
    fwrite(STDERR, "php_binding: skipped: ffi.enable is '" . ini_get('ffi.enable') . "' (run with -d ffi.enable=1)\n");
    exit(77);
}

require_once __DIR__ . '/../autoload.php';
require_once __DIR__ . '/TestCase.php';
require_once __DIR__ . '/References.php';
