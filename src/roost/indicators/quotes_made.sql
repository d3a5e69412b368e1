-- title: Quote tweets | Citations
-- shape: number
-- unit: tweets
-- section: relaying
-- needs: tweets
-- definition: Own tweets whose links include a tweet's address (twitter.com or x.com /status/): quotes with your comment.
-- definition_fr: Tweets dont un lien pointe vers un tweet (twitter.com ou x.com /status/) : citations commentées.
select count(*) as value
from tweets
where is_quote
