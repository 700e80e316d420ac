-- Search: one normalisation for what is stored and what is asked (db/queries/search.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- Lower case and without marks, the same on every database: unaccent (é → e, ß → ss), then the capitals
-- lower() leaves in the C locale (Greek, Cyrillic), then Arabic's letter variants and digits (أ → ا,
-- ٣ → 3) without its vowel marks, and Hebrew without its points.
CREATE FUNCTION search_fold(input text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  folded text;
BEGIN
  IF octet_length(input) = char_length(input) THEN
    RETURN lower(input);
  END IF;
  folded := lower(public.unaccent('public.unaccent'::regdictionary, input));
  IF folded ~ '[\u0370-\u03ff\u0400-\u042f\u0460-\u04ff]' THEN
    folded := translate(folded, 'ͰͲͶͿΆΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫϏϘϚϜϞϠϢϤϦϨϪϬϮϴϷϹϺϽϾϿЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯѠѢѤѦѨѪѬѮѰѲѴѶѸѺѼѾҀҊҌҎҐҒҔҖҘҚҜҞҠҢҤҦҨҪҬҮҰҲҴҶҸҺҼҾӀӁӃӅӇӉӋӍӐӒӔӖӘӚӜӞӠӢӤӦӨӪӬӮӰӲӴӶӸӺӼӾς', 'ͱͳͷϳάέήίόύώαβγδεζηθικλμνξοπρστυφχψωϊϋϗϙϛϝϟϡϣϥϧϩϫϭϯθϸϲϻͻͼͽѐёђѓєѕіїјљњћќѝўџабвгдежзийклмнопрстуфхцчшщъыьэюяѡѣѥѧѩѫѭѯѱѳѵѷѹѻѽѿҁҋҍҏґғҕҗҙқҝҟҡңҥҧҩҫҭүұҳҵҷҹһҽҿӏӂӄӆӈӊӌӎӑӓӕӗәӛӝӟӡӣӥӧөӫӭӯӱӳӵӷӹӻӽӿσ');
  END IF;
  IF folded ~ '[\u0591-\u05c7\u0600-\u06ff]' THEN
    folded := translate(folded, '٠۰١۱٢۲٣۳٤۴٥۵٦۶٧۷٨۸٩۹أإآٱىةؤئکیؘؙؚؐؑؒؓؔؕؖؗـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞۖۗۘۙۚۛۜ۝۞ۣ۟۠ۡۢۤۥۦۧۨ۩ְֱֲֳִֵֶַָׇֹֺֻּֽֿׁׂ۪ۭ֑֖֛֢֣֤֥֦֧֪ׅ֚֭֮۫۬֒֓֔֕֗֘֙֜֝֞֟֠֡֨֩֫֬֯ׄ', '00112233445566778899اااايهويكي');
  END IF;
  RETURN folded;
END
$$;--> statement-breakpoint
-- The words of a text: folded, split at spaces, punctuation and symbols (emoji included); a run of a
-- script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) is a word of its own.
-- Empty strings may be among them.
CREATE FUNCTION search_words(input text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_split_to_array(regexp_replace(search_fold(input), '([\u0e00-\u0e4e\u0e50-\u0e59\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+)', ' \1 ', 'g'), '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u0080-\u00bf\u00d7\u00f7\u055a-\u055f\u0589\u05be\u05c0\u05c3\u05c6\u05f3\u05f4\u060c\u061b\u061f\u066a-\u066d\u06d4\u0964\u0965\u0e4f\u0e5a\u0e5b\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe00-\ufe0f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufff0-\uffff\U0001f000-\U0001faff]+')
$$;--> statement-breakpoint
-- What is stored: each word; a run without spaces as its pairs of neighbouring characters and its last
-- character, so any part of it of one character or more can be found.
CREATE FUNCTION search_document(input text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  tokens text[] := '{}';
  word text;
BEGIN
  FOREACH word IN ARRAY search_words(input) LOOP
    CONTINUE WHEN word = '' OR octet_length(word) > 200;
    IF word ~ '^[\u0e00-\u0e4e\u0e50-\u0e59\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]' THEN
      FOR i IN 1 .. greatest(char_length(word) - 1, 1) LOOP
        tokens := tokens || substr(word, i, 2);
      END LOOP;
      tokens := tokens || right(word, 1);
    ELSE
      tokens := tokens || word;
    END IF;
  END LOOP;
  RETURN array_to_tsvector(tokens);
END
$$;--> statement-breakpoint
-- What is asked: every word, as the start of a stored word (refun finds refund); a run without spaces
-- as all its pairs (one character: any pair it starts, or itself). Null when nothing can be searched.
CREATE FUNCTION search_query(input text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  terms text[] := '{}';
  word text;
BEGIN
  FOREACH word IN ARRAY search_words(input) LOOP
    CONTINUE WHEN word = '' OR octet_length(word) > 200;
    IF word ~ '^[\u0e00-\u0e4e\u0e50-\u0e59\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]' AND char_length(word) > 1 THEN
      FOR i IN 1 .. char_length(word) - 1 LOOP
        terms := terms || ('''' || substr(word, i, 2) || '''');
      END LOOP;
    ELSE
      terms := terms || ('''' || word || ''':*');
    END IF;
  END LOOP;
  IF cardinality(terms) = 0 THEN
    RETURN NULL;
  END IF;
  RETURN array_to_string(terms, ' & ')::tsquery;
END
$$;--> statement-breakpoint
CREATE TABLE "conversation_search_documents" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX "messages_text_body_trgm_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_document" "tsvector" GENERATED ALWAYS AS (search_document(coalesce(display_name, '') || ' ' || coalesce(profile_name, '') || ' ' || coalesce(username, ''))) STORED;--> statement-breakpoint
ALTER TABLE "conversation_search_documents" ADD CONSTRAINT "conversation_search_documents_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_search_documents_idx" ON "conversation_search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "contacts_search_document_idx" ON "contacts" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "conversations_wa_id_idx" ON "conversations" USING btree ("wa_id");--> statement-breakpoint
-- The text of a message a search reads: a text's body, a caption, a button's or list's reply, a note.
CREATE FUNCTION message_search_text(message_type text, content jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE message_type
    WHEN 'text' THEN content -> 'text' ->> 'body'
    WHEN 'note' THEN content -> 'note' ->> 'body'
    WHEN 'image' THEN content -> 'image' ->> 'caption'
    WHEN 'video' THEN content -> 'video' ->> 'caption'
    WHEN 'document' THEN concat_ws(' ', content -> 'document' ->> 'caption', content -> 'document' ->> 'filename')
    WHEN 'button' THEN content -> 'button' ->> 'text'
    WHEN 'interactive' THEN coalesce(content -> 'interactive' -> 'button_reply' ->> 'title', content -> 'interactive' -> 'list_reply' ->> 'title')
  END
$$;--> statement-breakpoint
-- The union of documents (their words without positions).
CREATE AGGREGATE tsvector_union(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');--> statement-breakpoint
-- Recomputes the documents of these conversations (all when null) from their messages; each distinct
-- text is read once, however many messages repeat it.
CREATE FUNCTION conversation_search_rebuild(only_conversations uuid[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM conversation_search_documents
  WHERE only_conversations IS NULL OR conversation_id = ANY (only_conversations);
  INSERT INTO conversation_search_documents (conversation_id, document)
  WITH texts AS (
    SELECT DISTINCT conversation_id, message_search_text(type, content) AS body
    FROM messages
    WHERE (only_conversations IS NULL OR conversation_id = ANY (only_conversations))
  ),
  documents AS MATERIALIZED (
    SELECT body, search_document(body) AS document FROM (SELECT DISTINCT body FROM texts WHERE body IS NOT NULL) AS distinct_texts
  )
  SELECT t.conversation_id, tsvector_union(d.document)
  FROM texts AS t JOIN documents AS d USING (body)
  WHERE d.document <> ''::tsvector
  GROUP BY t.conversation_id;
END $$;--> statement-breakpoint
-- The conversations whose messages hold every word of a query, through the index. The planner overrates
-- what a prefix search ("refun":*) costs a GIN index and would rather read every document: here it may not.
CREATE FUNCTION conversations_with_words(words tsquery) RETURNS SETOF uuid LANGUAGE sql STABLE STRICT PARALLEL SAFE
  ROWS 100 SET enable_seqscan = off AS $$
  SELECT conversation_id FROM conversation_search_documents WHERE document @@ words
$$;--> statement-breakpoint
-- The contacts a search finds (their wa_id): names and username holding every word, the number holding
-- the digits, or the user id; each through its index, for the same reason.
CREATE FUNCTION contacts_found(words tsquery, digits text, searched_user_id text) RETURNS SETOF text LANGUAGE sql STABLE PARALLEL SAFE
  ROWS 100 SET enable_seqscan = off AS $$
  SELECT wa_id FROM contacts WHERE search_document @@ words
  UNION
  SELECT wa_id FROM contacts WHERE digits IS NOT NULL AND search_text LIKE '%' || digits || '%'
  UNION
  SELECT wa_id FROM contacts WHERE user_id = searched_user_id
$$;--> statement-breakpoint
-- A message's words join its conversation's document. A document only grows when the message brings a
-- word it lacks (most messages of a long conversation bring none), and stops growing near 500 kB, far
-- beyond any real conversation's vocabulary, so a message is never refused for it.
CREATE FUNCTION conversation_search_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added tsvector := search_document(message_search_text(NEW.type, NEW.content));
BEGIN
  IF added IS NULL OR added = ''::tsvector THEN
    RETURN NULL;
  END IF;
  INSERT INTO conversation_search_documents AS d (conversation_id, document) VALUES (NEW.conversation_id, added)
  ON CONFLICT (conversation_id) DO UPDATE SET document = d.document || excluded.document
  WHERE length(d.document || excluded.document) > length(d.document) AND pg_column_size(d.document) < 500000;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION conversation_search_add();--> statement-breakpoint
-- An edited message adds its new words; the earlier ones stay findable, as the team's record keeps them.
CREATE TRIGGER messages_search_edit AFTER UPDATE OF content ON messages FOR EACH ROW
  WHEN (OLD.content IS DISTINCT FROM NEW.content) EXECUTE FUNCTION conversation_search_add();--> statement-breakpoint
-- Deleted messages take their words with them: the documents they touched are recomputed once per statement.
CREATE FUNCTION conversation_search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversation_search_rebuild(array(SELECT DISTINCT conversation_id FROM deleted_messages));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_search_deleted AFTER DELETE ON messages REFERENCING OLD TABLE AS deleted_messages
  FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_deleted();--> statement-breakpoint
SELECT conversation_search_rebuild();
