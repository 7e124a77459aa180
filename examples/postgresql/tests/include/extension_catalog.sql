-- extension_catalog(name): every object of an extension as lines of text,
-- names instead of OIDs, so that two databases can be compared line by line
-- (tests/sql/upgrade.sql compares a database updated from 1.1 with a fresh
-- install). Each object says everything CREATE could have set: functions with
-- their full signatures, defaults, kind, volatility, parallel safety,
-- strictness, cost, rows and symbol; aggregates with every support function
-- and initial condition; types with their I/O functions, category, storage
-- and array type, composite types with their attributes in order; operators,
-- operator classes and families with their members, casts, comments and
-- privileges.
CREATE FUNCTION extension_catalog(extension name) RETURNS SETOF text LANGUAGE sql AS $$
WITH member AS (
  SELECT d.classid, d.objid, d.objsubid
  FROM pg_depend d JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
                                       AND d.refobjid = e.oid
  WHERE e.extname = extension AND d.deptype = 'e'
)
SELECT format('extension %s %s: relocatable %s, schema %s, configuration %s, comment %s',
              extname, extversion, extrelocatable, extnamespace::regnamespace, extconfig,
              obj_description(oid, 'pg_extension'))
FROM pg_extension WHERE extname = extension
UNION ALL
SELECT 'member ' || pg_describe_object(classid, objid, objsubid) FROM member
UNION ALL
SELECT format('function %s(%s) returns %s: kind %s, volatility %s, parallel %s, strict %s, '
              'security definer %s, leakproof %s, cost %s, rows %s, set %s, symbol %s in %s, '
              'language %s, configuration %s, privileges %s',
              p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),
              p.prokind, p.provolatile, p.proparallel, p.proisstrict, p.prosecdef,
              p.proleakproof, p.procost, p.prorows, p.proretset, p.prosrc, p.probin,
              l.lanname, p.proconfig, p.proacl)
FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
JOIN pg_language l ON l.oid = p.prolang
UNION ALL
SELECT format('aggregate %s: kind %s, direct arguments %s, transition %s, state %s, final %s '
              '(extra %s, modify %s), combine %s, serial %s, deserial %s, moving transition %s, '
              'inverse %s, moving state %s, moving final %s (extra %s, modify %s), '
              'sort operator %s, state space %s and %s, initial %s, moving initial %s',
              a.aggfnoid::regprocedure, a.aggkind, a.aggnumdirectargs,
              a.aggtransfn::regprocedure, a.aggtranstype::regtype, a.aggfinalfn::regprocedure,
              a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn::regprocedure,
              a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure,
              a.aggmtransfn::regprocedure, a.aggminvtransfn::regprocedure,
              a.aggmtranstype::regtype, a.aggmfinalfn::regprocedure, a.aggmfinalextra,
              a.aggmfinalmodify, a.aggsortop::regoperator, a.aggtransspace, a.aggmtransspace,
              a.agginitval, a.aggminitval)
FROM member m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
UNION ALL
SELECT format('type %s: type %s, category %s, preferred %s, length %s, by value %s, '
              'alignment %s, storage %s, input %s, output %s, receive %s, send %s, '
              'typmod %s and %s, analyze %s, subscript %s, delimiter %s, element %s, array %s, '
              'default %s, not null %s, collation %s, privileges %s',
              t.oid::regtype, t.typtype, t.typcategory, t.typispreferred, t.typlen, t.typbyval,
              t.typalign, t.typstorage, t.typinput::regprocedure, t.typoutput::regprocedure,
              t.typreceive::regprocedure, t.typsend::regprocedure, t.typmodin::regprocedure,
              t.typmodout::regprocedure, t.typanalyze::regprocedure,
              t.typsubscript::regprocedure, t.typdelim, t.typelem::regtype,
              t.typarray::regtype, t.typdefault, t.typnotnull, t.typcollation, t.typacl)
FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
UNION ALL
SELECT format('attribute %s of %s: %s, dropped %s, not null %s', a.attnum, t.oid::regtype,
              CASE WHEN a.attisdropped THEN '-' ELSE a.attname || ' ' || a.atttypid::regtype END,
              a.attisdropped, a.attnotnull)
FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0
UNION ALL
SELECT format('operator %s: kind %s, result %s, function %s, commutator %s, negator %s, '
              'restrict %s, join %s, merges %s, hashes %s',
              o.oid::regoperator, o.oprkind, o.oprresult::regtype, o.oprcode::regprocedure,
              o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest::regprocedure,
              o.oprjoin::regprocedure, o.oprcanmerge, o.oprcanhash)
FROM member m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
UNION ALL
SELECT format('operator class %s using %s: type %s, default %s, family %s, key type %s',
              c.opcname, am.amname, c.opcintype::regtype, c.opcdefault, f.opfname,
              c.opckeytype::regtype)
FROM member m JOIN pg_opclass c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
UNION ALL
SELECT format('operator family %s using %s: operator %s %s for %s and %s, purpose %s',
              f.opfname, am.amname, o.amopstrategy, o.amopopr::regoperator,
              o.amoplefttype::regtype, o.amoprighttype::regtype, o.amoppurpose)
FROM member m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amop o ON o.amopfamily = f.oid
UNION ALL
SELECT format('operator family %s using %s: function %s %s for %s and %s',
              f.opfname, am.amname, p.amprocnum, p.amproc::regprocedure,
              p.amproclefttype::regtype, p.amprocrighttype::regtype)
FROM member m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amproc p ON p.amprocfamily = f.oid
UNION ALL
SELECT format('cast %s to %s: function %s, context %s, method %s', c.castsource::regtype,
              c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext, c.castmethod)
FROM member m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
UNION ALL
SELECT format('comment on %s: %s', pg_describe_object(m.classid, m.objid, d.objsubid),
              d.description)
FROM member m JOIN pg_description d ON d.classoid = m.classid AND d.objoid = m.objid
$$;
