<?php

// For projects without Composer: require this file once. (With Composer, the
// classmap in composer.json does the same.)
declare(strict_types=1);

foreach (['Native', 'Exceptions', 'Names', 'Results', 'Scale', 'Owner', 'Accumulator', 'Series'] as $file) {
    require_once __DIR__ . "/src/$file.php";
}
