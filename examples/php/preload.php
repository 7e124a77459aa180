<?php

// opcache.preload for php-fpm or mod_php under ffi.enable=preload, PHP's
// default outside the CLI (README.md, "php-fpm"): there, only code compiled
// at start-up may use FFI, so the binding's classes are compiled and linked
// here, once, before the first request. The library's declarations are
// declared at start-up too, by php.ini's ffi.preload = cxmetrics-ffi.h (in
// the process that forks the workers, so that the library is mapped in each
// of them), or here when nothing declared them.
declare(strict_types=1);

try {
    FFI::scope('CXMETRICS');
} catch (FFI\Exception) {
    FFI::load(__DIR__ . '/cxmetrics-ffi.h');
}
require __DIR__ . '/autoload.php';
foreach (glob(__DIR__ . '/src/*.php') ?: [] as $file) {
    $name = 'Cxmetrics\\' . basename($file, '.php');
    class_exists($name) || trait_exists($name) || interface_exists($name)
        || throw new LogicException("$file does not define $name");
}
