<?php

// For projects without Composer: require this file once. It maps the
// namespace Cxmetrics\ to src/ as composer.json's PSR-4 rule does (one class
// per file, named after it).
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'Cxmetrics\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
